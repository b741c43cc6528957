output "autoscaling_group_name" {
  description = "Autoscaling group of the media workers."
  value       = aws_autoscaling_group.media.name
}

output "security_group_id" {
  description = "Security group of the media workers: give it to Redis as a client."
  value       = aws_security_group.media.id
}

output "pbx_port_range" {
  description = "UDP range PBXs send RTP to (customers' firewalls must let it through from the workers)."
  value       = var.pbx_port_range
}

output "device_port_range" {
  description = "UDP range devices reach over ICE."
  value       = var.device_port_range
}
