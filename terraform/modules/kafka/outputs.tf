output "bootstrap_servers" {
  description = "Bootstrap servers for kafka.bootstrap-servers: plaintext inside the VPC when client_broker_encryption is TLS_PLAINTEXT, TLS otherwise."
  value       = var.client_broker_encryption == "TLS" ? aws_msk_cluster.this.bootstrap_brokers_tls : aws_msk_cluster.this.bootstrap_brokers
}

output "bootstrap_servers_tls" {
  description = "TLS bootstrap servers."
  value       = aws_msk_cluster.this.bootstrap_brokers_tls
}

output "cluster_name" {
  description = "MSK cluster name: the \"Cluster Name\" dimension of its CloudWatch metrics (consumer lag)."
  value       = aws_msk_cluster.this.cluster_name
}

output "cluster_arn" {
  description = "MSK cluster ARN."
  value       = aws_msk_cluster.this.arn
}

output "topics" {
  description = "The topics with their partitions, replication and retention, for the create-topics task."
  value       = var.topics
}

output "security_group_id" {
  description = "Security group of the brokers."
  value       = aws_security_group.kafka.id
}
