output "uri_secret_arn" {
  description = "Secrets Manager ARN holding redis.uri (TLS, with the auth token) for every service."
  value       = aws_secretsmanager_secret.uri.arn
}

output "configuration_endpoint" {
  description = "Cluster-mode configuration endpoint (host only; the token is in the uri secret)."
  value       = aws_elasticache_replication_group.this.configuration_endpoint_address
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.redis.id
}

output "cluster_mode" {
  description = "True: the replication group runs in cluster mode, so every client must use a cluster client (redis.cluster)."
  value       = aws_elasticache_replication_group.this.cluster_mode == "enabled"
}
