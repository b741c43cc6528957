locals {
  # One entry per (connection, CIDR): the PBX-facing RTP rule is generated from this
  # map and from nothing else, so a PBX can send RTP only once it is listed
  # in var.connections.
  pbx_cidrs = merge([
    for name, cidrs in var.connections : { for cidr in cidrs : "${name}/${cidr}" => cidr }
  ]...)
}
