resource "aws_security_group" "edge" {
  name_prefix = "${var.name}-edge-"
  description = "Ringedge SBC edges: SIP only from customer PBXs, WebSocket only from the WSS load balancer"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-edge" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "edge_all" {
  security_group_id = aws_security_group.edge.id
  description       = "SIP to PBXs, Kafka, Redis, media workers, AWS APIs"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "sip_udp" {
  for_each = local.pbx_cidrs

  security_group_id = aws_security_group.edge.id
  description       = "SIP/UDP from ${each.key}"
  ip_protocol       = "udp"
  from_port         = var.sip_udp_port
  to_port           = var.sip_udp_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "sip_tcp" {
  for_each = local.pbx_cidrs

  security_group_id = aws_security_group.edge.id
  description       = "SIP/TCP from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = var.sip_tcp_port
  to_port           = var.sip_tcp_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "sip_tls" {
  for_each = local.pbx_cidrs

  security_group_id = aws_security_group.edge.id
  description       = "SIP/TLS from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = var.sip_tls_port
  to_port           = var.sip_tls_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "ws_from_lb" {
  security_group_id            = aws_security_group.edge.id
  description                  = "WebSocket from the WSS load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.ws_port
  to_port                      = var.ws_port
  referenced_security_group_id = aws_security_group.lb.id
}

resource "aws_vpc_security_group_ingress_rule" "health_from_lb" {
  security_group_id            = aws_security_group.edge.id
  description                  = "Readiness probes from the WSS load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.observe_port
  to_port                      = var.observe_port
  referenced_security_group_id = aws_security_group.lb.id
}

# A device's WebSocket lives on one edge while the call may be held on another:
# edges forward SIP to each other over their internal listener and call each
# other's HTTP API.
resource "aws_vpc_security_group_ingress_rule" "edge_to_edge" {
  security_group_id            = aws_security_group.edge.id
  description                  = "Edge-to-edge SIP and HTTP"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.edge.id
}

resource "aws_security_group" "lb" {
  name_prefix = "${var.name}-wss-"
  description = "Ringedge WSS load balancer: 443 from anywhere"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-wss" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "wss_world" {
  security_group_id = aws_security_group.lb.id
  description       = "WSS from devices anywhere"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "lb_to_ws" {
  security_group_id            = aws_security_group.lb.id
  description                  = "WebSocket to the edges"
  ip_protocol                  = "tcp"
  from_port                    = var.ws_port
  to_port                      = var.ws_port
  referenced_security_group_id = aws_security_group.edge.id
}

resource "aws_vpc_security_group_egress_rule" "lb_to_health" {
  security_group_id            = aws_security_group.lb.id
  description                  = "Readiness probes to the edges"
  ip_protocol                  = "tcp"
  from_port                    = var.observe_port
  to_port                      = var.observe_port
  referenced_security_group_id = aws_security_group.edge.id
}

# count, not for_each: the group ids may be unknown until they exist.
resource "aws_vpc_security_group_ingress_rule" "monitoring" {
  count = length(var.monitoring_security_group_ids)

  security_group_id            = aws_security_group.edge.id
  description                  = "Metrics and health from monitoring"
  ip_protocol                  = "tcp"
  from_port                    = var.observe_port
  to_port                      = var.observe_port
  referenced_security_group_id = var.monitoring_security_group_ids[count.index]
}
