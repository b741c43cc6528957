variable "sip_udp_port" {
  default = 5060
}
