variable "pbx_port_range" {
  type    = object({ from = number, to = number })
  default = { from = 10000, to = 19999 }
}

variable "allowed" {
  type    = string
  default = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "pbx_rtp" {
  security_group_id = "sg-123"
  ip_protocol       = "udp"
  from_port         = var.pbx_port_range.from
  to_port           = var.pbx_port_range.to
  cidr_ipv4         = var.allowed
}
