resource "aws_security_group" "media" {
  name_prefix = "${var.name}-media-"
  description = "Ringedge media workers: PBX RTP only from customer PBXs, ICE from anywhere, control API from the edges"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-media" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "media_all" {
  security_group_id = aws_security_group.media.id
  description       = "RTP to PBXs and devices, Redis, AWS APIs"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "pbx_rtp" {
  for_each = local.pbx_cidrs

  security_group_id = aws_security_group.media.id
  description       = "RTP/RTCP from ${each.key}"
  ip_protocol       = "udp"
  from_port         = var.pbx_port_range.from
  to_port           = var.pbx_port_range.to
  cidr_ipv4         = each.value
}

# Devices sit behind any NAT on any network, so ICE connectivity checks
# (RFC 8445) and DTLS-SRTP arrive from anywhere; only STUN-authenticated
# flows are accepted by the worker.
resource "aws_vpc_security_group_ingress_rule" "device_ice" {
  security_group_id = aws_security_group.media.id
  description       = "ICE, DTLS and SRTP from devices anywhere"
  ip_protocol       = "udp"
  from_port         = var.device_port_range.from
  to_port           = var.device_port_range.to
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "control_from_edges" {
  security_group_id            = aws_security_group.media.id
  description                  = "Control API from the SBC edges"
  ip_protocol                  = "tcp"
  from_port                    = var.control_port
  to_port                      = var.control_port
  referenced_security_group_id = var.edge_security_group_id
}

# count, not for_each: the group ids may be unknown until they exist.
resource "aws_vpc_security_group_ingress_rule" "monitoring" {
  count = length(var.monitoring_security_group_ids)

  security_group_id            = aws_security_group.media.id
  description                  = "Metrics and health from monitoring"
  ip_protocol                  = "tcp"
  from_port                    = var.observe_port
  to_port                      = var.observe_port
  referenced_security_group_id = var.monitoring_security_group_ids[count.index]
}
