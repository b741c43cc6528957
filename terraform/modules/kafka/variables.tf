variable "name" {
  description = "Prefix for resource names, e.g. \"ringedge-prod\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name: 2-24 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster (network module output vpc_id)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the brokers, one per availability zone."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "private_subnet_ids: MSK needs subnets in at least two availability zones."
  }
}

variable "client_security_group_ids" {
  description = "Security groups allowed to reach the brokers (edges and functions)."
  type        = list(string)
}

variable "kafka_version" {
  description = "Apache Kafka version of the MSK cluster."
  type        = string
  default     = "3.9.x"
}

variable "broker_count" {
  description = "Number of brokers: at least 3 (replication factor 3 with min.insync.replicas 2, so acks=all survives a broker loss) and a multiple of the subnet count."
  type        = number
  default     = 3

  validation {
    condition     = var.broker_count >= 3 && floor(var.broker_count) == var.broker_count && var.broker_count % length(var.private_subnet_ids) == 0
    error_message = "broker_count: must be a whole number >= 3 and a multiple of the number of private subnets."
  }
}

variable "broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"

  validation {
    condition     = startswith(var.broker_instance_type, "kafka.")
    error_message = "broker_instance_type: must be an MSK type such as kafka.m7g.large."
  }
}

variable "broker_volume_gib" {
  description = "EBS storage per broker in GiB (see docs/operations.md for the per-call estimate)."
  type        = number
  default     = 100

  validation {
    condition     = var.broker_volume_gib >= 10 && var.broker_volume_gib <= 16384
    error_message = "broker_volume_gib: must be from 10 to 16384."
  }
}

variable "client_broker_encryption" {
  description = "Client-broker encryption: TLS_PLAINTEXT serves both listeners (the services use plaintext inside the VPC today), TLS forces TLS."
  type        = string
  default     = "TLS_PLAINTEXT"

  validation {
    condition     = contains(["TLS", "TLS_PLAINTEXT"], var.client_broker_encryption)
    error_message = "client_broker_encryption: must be TLS or TLS_PLAINTEXT."
  }
}

variable "topics" {
  description = "Ringedge topics: partitions bound the consumers that share the work; retention is how long the call record is kept."
  type = map(object({
    partitions         = number
    replication_factor = number
    retention_hours    = number
  }))
  default = {
    # Every call step (the "wake trace"), key = call id.
    "ringedge.calls" = { partitions = 12, replication_factor = 3, retention_hours = 168 }
    # Device attach/detach and registration events.
    "ringedge.devices" = { partitions = 12, replication_factor = 3, retention_hours = 72 }
  }

  validation {
    condition     = alltrue([for t in values(var.topics) : t.partitions >= 1 && t.partitions <= 1000 && t.replication_factor >= 2 && t.replication_factor <= 3 && t.retention_hours >= 1])
    error_message = "topics: partitions 1..1000, replication_factor 2..3, retention_hours >= 1."
  }

  validation {
    condition     = alltrue([for name in keys(var.topics) : can(regex("^[a-zA-Z0-9._-]{1,249}$", name))])
    error_message = "topics: names are 1-249 letters, digits, '.', '_' or '-'."
  }
}

variable "kms_key_arn" {
  description = "KMS key for encryption at rest, or null for the AWS-managed key."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
