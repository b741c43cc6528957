variable "connections" {
  type = map(list(string))
}

resource "aws_vpc_security_group_ingress_rule" "sip_udp" {
  security_group_id = "sg-123"
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
  cidr_ipv4         = "203.0.113.0/24"
}
