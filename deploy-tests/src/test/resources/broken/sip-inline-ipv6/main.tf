resource "aws_security_group" "edge" {
  name = "edge"

  ingress {
    protocol         = "tcp"
    from_port        = 5061
    to_port          = 5061
    ipv6_cidr_blocks = ["::/0"]
  }
}
