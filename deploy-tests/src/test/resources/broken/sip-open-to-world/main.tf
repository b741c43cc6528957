resource "aws_security_group_rule" "sip" {
  type              = "ingress"
  protocol          = "udp"
  from_port         = 5060
  to_port           = 5060
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-123"
}

resource "aws_security_group_rule" "wss" {
  type              = "ingress"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-123"
}
