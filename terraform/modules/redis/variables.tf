variable "name" {
  description = "Prefix for resource names, e.g. \"ringedge-prod\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name: 2-24 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC of the cache (network module output vpc_id)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the cache nodes, one per availability zone."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "private_subnet_ids: give subnets in at least two availability zones (replicas live in another zone than their primary)."
  }
}

variable "client_security_group_ids" {
  description = "Security groups allowed to reach Redis (edges, media workers, functions)."
  type        = list(string)
}

variable "engine" {
  description = "Cache engine: valkey or redis (both speak the Redis protocol the services use)."
  type        = string
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "engine: must be valkey or redis."
  }
}

variable "engine_version" {
  description = "Engine version, e.g. 8.0 for valkey or 7.1 for redis."
  type        = string
  default     = "8.0"
}

variable "parameter_group_family" {
  description = "Parameter group family matching engine and engine_version, e.g. valkey8 or redis7."
  type        = string
  default     = "valkey8"
}

variable "node_type" {
  description = "Cache node type."
  type        = string
  default     = "cache.r7g.large"

  validation {
    condition     = startswith(var.node_type, "cache.")
    error_message = "node_type: must be an ElastiCache type such as cache.r7g.large."
  }
}

variable "shards" {
  description = "Number of shards (node groups) in cluster mode."
  type        = number
  default     = 2

  validation {
    condition     = var.shards >= 1 && var.shards <= 90 && floor(var.shards) == var.shards
    error_message = "shards: must be a whole number from 1 to 90."
  }
}

variable "replicas_per_shard" {
  description = "Replicas per shard; at least 1 for automatic failover across zones."
  type        = number
  default     = 1

  validation {
    condition     = var.replicas_per_shard >= 0 && var.replicas_per_shard <= 5 && floor(var.replicas_per_shard) == var.replicas_per_shard
    error_message = "replicas_per_shard: must be a whole number from 0 to 5."
  }
}

variable "port" {
  description = "Port Redis listens on."
  type        = number
  default     = 6379

  validation {
    condition     = var.port >= 1024 && var.port <= 65535
    error_message = "port: must be 1024..65535."
  }
}

variable "auth_token_secret_arn" {
  description = "Secrets Manager ARN of the AUTH token (a plain string, 16-128 printable characters without @, \" or /). Terraform reads it ephemerally and writes it write-only: it never enters the state."
  type        = string
}

variable "auth_token_version" {
  description = "Bump after rotating the secret's value, so Terraform pushes the new token to the cache and to the redis.uri secret."
  type        = number
  default     = 1

  validation {
    condition     = var.auth_token_version >= 1 && floor(var.auth_token_version) == var.auth_token_version
    error_message = "auth_token_version: must be a whole number >= 1."
  }
}

variable "auth_update_strategy" {
  description = "How a new token is applied: ROTATE accepts old and new until the next change, SET accepts only the new one (docs/operations.md, rotating the Redis token)."
  type        = string
  default     = "ROTATE"

  validation {
    condition     = contains(["ROTATE", "SET"], var.auth_update_strategy)
    error_message = "auth_update_strategy: must be ROTATE or SET."
  }
}

variable "kms_key_arn" {
  description = "KMS key for encryption at rest and for the redis.uri secret, or null for AWS-managed keys."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
