output "static_ips" {
  description = "The edges' Elastic IPs: what customers point their PBX at and allow-list (SIP and all signalling from us comes from these)."
  value       = aws_eip.edge[*].public_ip
}

output "edges" {
  description = "Per edge: node id, static IP, Elastic IP allocation and its autoscaling group (for rolling upgrades)."
  value = [
    for i in range(var.edge_count) : {
      node_id           = local.edge_config[i]["edge.node-id"]
      static_ip         = aws_eip.edge[i].public_ip
      allocation_id     = aws_eip.edge[i].allocation_id
      autoscaling_group = aws_autoscaling_group.edge[i].name
    }
  ]
}

output "sip_ports" {
  description = "SIP ports on the static IPs."
  value       = { udp = var.sip_udp_port, tcp = var.sip_tcp_port, tls = var.sip_tls_port }
}

output "wss_url" {
  description = "WebSocket URL for apps and browsers."
  value       = "wss://${var.wss_hostname}"
}

output "wss_lb_dns_name" {
  description = "DNS name of the WSS load balancer: make wss_hostname a CNAME (or alias) of it."
  value       = aws_lb.wss.dns_name
}

output "wss_lb_zone_id" {
  description = "Hosted zone of the WSS load balancer, for a Route 53 alias record."
  value       = aws_lb.wss.zone_id
}

output "security_group_id" {
  description = "Security group of the edges: give it to Kafka, Redis and the media workers as a client."
  value       = aws_security_group.edge.id
}
