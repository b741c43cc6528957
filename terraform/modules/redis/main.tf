resource "aws_security_group" "redis" {
  name_prefix = "${var.name}-redis-"
  description = "Ringedge Redis: only from the services"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-redis" })

  lifecycle {
    create_before_destroy = true
  }
}

# count, not for_each: the group ids are unknown until the clients exist.
resource "aws_vpc_security_group_ingress_rule" "clients" {
  count = length(var.client_security_group_ids)

  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from Ringedge services"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = var.client_security_group_ids[count.index]
}

resource "aws_elasticache_subnet_group" "this" {
  name       = "${var.name}-redis"
  subnet_ids = var.private_subnet_ids
  tags       = var.tags
}

resource "aws_elasticache_parameter_group" "this" {
  name_prefix = "${var.name}-redis-"
  family      = var.parameter_group_family

  parameter {
    name  = "cluster-enabled"
    value = "yes"
  }

  # Pending calls and idempotency keys must not vanish under memory pressure:
  # a write that fails loudly is better than a call that silently never rings.
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# Read at plan/apply time only; an ephemeral value is never written to state.
ephemeral "aws_secretsmanager_secret_version" "auth_token" {
  secret_id = var.auth_token_secret_arn
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "${var.name}-redis"
  description                = "Ringedge bindings, devices, pending calls, media worker registry"
  engine                     = var.engine
  engine_version             = var.engine_version
  node_type                  = var.node_type
  port                       = var.port
  parameter_group_name       = aws_elasticache_parameter_group.this.name
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.redis.id]
  cluster_mode               = "enabled"
  num_node_groups            = var.shards
  replicas_per_node_group    = var.replicas_per_shard
  automatic_failover_enabled = true
  multi_az_enabled           = var.replicas_per_shard > 0
  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token_wo              = ephemeral.aws_secretsmanager_secret_version.auth_token.secret_string
  auth_token_wo_version      = var.auth_token_version
  auth_token_update_strategy = var.auth_update_strategy
  apply_immediately          = false
  tags                       = var.tags
}

# The services take one setting, redis.uri, and it carries the token, so the
# whole URI is a secret. It is written write-only from the ephemeral token.
resource "aws_secretsmanager_secret" "uri" {
  name_prefix             = "${var.name}/redis-uri-"
  description             = "Ringedge redis.uri (rediss://TOKEN@configuration-endpoint:port)"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "uri" {
  secret_id                = aws_secretsmanager_secret.uri.id
  secret_string_wo         = "rediss://${urlencode(ephemeral.aws_secretsmanager_secret_version.auth_token.secret_string)}@${aws_elasticache_replication_group.this.configuration_endpoint_address}:${var.port}"
  secret_string_wo_version = var.auth_token_version
}
