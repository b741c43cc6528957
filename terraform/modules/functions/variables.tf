variable "name" {
  description = "Prefix for resource names, e.g. \"ringedge-prod\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name: 2-24 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC of the functions (network module output vpc_id)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the tasks (they reach APNs and FCM through NAT)."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 1
    error_message = "private_subnet_ids: give at least one subnet."
  }
}

variable "kafka_bootstrap_servers" {
  description = "Kafka bootstrap servers (kafka.bootstrap-servers)."
  type        = string
}

variable "kafka_cluster_name" {
  description = "MSK cluster name: the dimension of the consumer-lag metrics the functions scale on."
  type        = string
}

variable "kafka_topics" {
  description = "Topics to create with their partitions, replication and retention (kafka module output topics)."
  type = map(object({
    partitions         = number
    replication_factor = number
    retention_hours    = number
  }))
}

variable "kafka_tools_image" {
  description = "Image with the Apache Kafka command-line tools, for the one-shot create-topics task."
  type        = string
  default     = "apache/kafka:4.1.0"
}

variable "redis_cluster" {
  description = "Whether redis.uri is a Redis Cluster (ElastiCache cluster mode; redis module output cluster_mode): the services then route each key to its shard."
  type        = bool
}

variable "redis_uri_secret_arn" {
  description = "Secrets Manager ARN of redis.uri (redis module output uri_secret_arn)."
  type        = string
}

variable "apns_key_secret_arn" {
  description = "Secrets Manager ARN of the APNs auth key, a .p8 PEM (push.apns.key-secret)."
  type        = string
}

variable "fcm_credentials_secret_arn" {
  description = "Secrets Manager ARN of the Firebase service-account JSON (push.fcm.credentials-secret)."
  type        = string
}

variable "attach_url" {
  description = "WSS URL a woken device attaches to (push.attach-url): the sbc-edge module's wss_url output."
  type        = string

  validation {
    condition     = can(regex("^wss?://[^/\\s]+", var.attach_url))
    error_message = "attach_url: must be a wss:// (or ws://) URL."
  }
}

variable "attach_token_key_secret_arn" {
  description = "Secrets Manager ARN of the base64 HMAC key (32+ bytes) for single-use attach tokens (push.attach-token-key)."
  type        = string
}

variable "apns_environment" {
  description = "APNs environment (push.apns.environment): production or sandbox."
  type        = string
  default     = "production"

  validation {
    condition     = contains(["production", "sandbox"], var.apns_environment)
    error_message = "apns_environment: must be production or sandbox."
  }
}

variable "apns_team_id" {
  description = "Apple developer team id of the APNs token key (push.apns.team-id)."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{10}$", var.apns_team_id))
    error_message = "apns_team_id: must be Apple's 10-character team id."
  }
}

variable "apns_key_id" {
  description = "Key id of the APNs .p8 token key (push.apns.key-id)."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{10}$", var.apns_key_id))
    error_message = "apns_key_id: must be Apple's 10-character key id."
  }
}

variable "fcm_project_id" {
  description = "Firebase project id (push.fcm.project-id)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]{1,64}$", var.fcm_project_id))
    error_message = "fcm_project_id: must be a Firebase project id ([a-z0-9-])."
  }
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed KMS key the secrets are encrypted with, or null when they use the AWS-managed key."
  type        = string
  default     = null
}

variable "push_service_image" {
  description = "OCI image of push-service."
  type        = string
}

variable "device_locator_image" {
  description = "OCI image of device-locator."
  type        = string
}

variable "consumer_groups" {
  description = "Kafka consumer group of each function (must be the group id the service uses); its lag drives the scaling."
  type        = object({ push_service = string, device_locator = string })
  default     = { push_service = "push-service", device_locator = "device-locator" }

  validation {
    condition     = alltrue([for g in values(var.consumer_groups) : can(regex("^[A-Za-z0-9._-]{1,200}$", g))])
    error_message = "consumer_groups: ASCII letters, digits, '.', '_' or '-' only (MSK drops lag metrics of groups with other characters)."
  }
}

variable "min_tasks" {
  description = "Fewest tasks per function. 0 scales to zero when idle, at the price of a cold start of a minute or more for the first call after (see docs/operations.md)."
  type        = number
  default     = 0

  validation {
    condition     = var.min_tasks >= 0 && var.min_tasks <= 50 && floor(var.min_tasks) == var.min_tasks
    error_message = "min_tasks: must be a whole number from 0 to 50."
  }
}

variable "max_tasks" {
  description = "Most tasks per function; more than the topic's partitions would sit idle."
  type        = number
  default     = 6

  validation {
    condition     = var.max_tasks >= 1 && var.max_tasks >= var.min_tasks && var.max_tasks <= 100 && floor(var.max_tasks) == var.max_tasks
    error_message = "max_tasks: must be a whole number from max(1, min_tasks) to 100."
  }
}

variable "lag_threshold" {
  description = "Consumer lag (messages) at which one more task is started."
  type        = number
  default     = 1

  validation {
    condition     = var.lag_threshold >= 1
    error_message = "lag_threshold: must be >= 1."
  }
}

variable "idle_minutes" {
  description = "Minutes of zero lag after which a function scales down to min_tasks."
  type        = number
  default     = 15

  validation {
    condition     = var.idle_minutes >= 5 && var.idle_minutes <= 1440
    error_message = "idle_minutes: must be from 5 to 1440."
  }
}

variable "task_cpu" {
  description = "Fargate CPU units per task (1024 = 1 vCPU)."
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.task_cpu)
    error_message = "task_cpu: must be 256, 512, 1024, 2048 or 4096."
  }
}

variable "task_memory" {
  description = "Fargate memory per task in MiB (must suit task_cpu)."
  type        = number
  default     = 1024

  validation {
    condition     = var.task_memory >= 512 && var.task_memory <= 30720
    error_message = "task_memory: must be from 512 to 30720."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
