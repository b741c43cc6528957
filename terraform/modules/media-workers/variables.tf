variable "name" {
  description = "Prefix for resource names, e.g. \"ringedge-prod\"."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name: 2-24 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC to run the media workers in (network module output vpc_id)."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets for the workers: each worker gets a public IP that is its media address."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 1
    error_message = "public_subnet_ids: give at least one subnet."
  }
}

variable "connections" {
  description = "Customer connections: name => the IPv4 CIDRs of its PBXs. Only these may send RTP to the PBX-facing range (default deny)."
  type        = map(list(string))

  validation {
    condition     = alltrue([for name in keys(var.connections) : can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", name))])
    error_message = "connections: names are 1-63 letters, digits, '.', '_' or '-'."
  }

  validation {
    condition     = alltrue([for cidr in flatten(values(var.connections)) : can(cidrhost(cidr, 0)) && can(cidrnetmask(cidr))])
    error_message = "connections: every entry must be an IPv4 CIDR such as 203.0.113.10/32 (the edges' static addresses are IPv4)."
  }

  validation {
    condition     = alltrue([for cidr in flatten(values(var.connections)) : !can(cidrnetmask(cidr)) || try(tonumber(split("/", cidr)[1]) >= 8, false)])
    error_message = "connections: a PBX CIDR must be /8 or narrower; PBX-facing RTP is never opened to the whole internet."
  }
}

variable "min_count" {
  description = "Fewest media workers kept running."
  type        = number
  default     = 2

  validation {
    condition     = var.min_count >= 1 && var.min_count <= 100 && floor(var.min_count) == var.min_count
    error_message = "min_count: must be a whole number from 1 to 100."
  }
}

variable "max_count" {
  description = "Most media workers the group may scale out to."
  type        = number
  default     = 10

  validation {
    condition     = var.max_count >= var.min_count && var.max_count <= 100 && floor(var.max_count) == var.max_count
    error_message = "max_count: must be a whole number from min_count to 100."
  }
}

variable "target_cpu_percent" {
  description = "Average CPU the group scales to hold (transcoding Opus <-> G.711 is the main CPU cost)."
  type        = number
  default     = 55

  validation {
    condition     = var.target_cpu_percent >= 10 && var.target_cpu_percent <= 90
    error_message = "target_cpu_percent: must be from 10 to 90."
  }
}

variable "drain_seconds" {
  description = "How long a worker being scaled in may keep its calls before it is stopped."
  type        = number
  default     = 3600

  validation {
    condition     = var.drain_seconds >= 30 && var.drain_seconds <= 7200
    error_message = "drain_seconds: must be from 30 to 7200."
  }
}

variable "instance_type" {
  description = "EC2 instance type of a media worker."
  type        = string
  default     = "c7i.xlarge"
}

variable "architecture" {
  description = "CPU architecture of the Amazon Linux 2023 AMI: x86_64 or arm64 (must match instance_type and the image)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture: must be x86_64 or arm64."
  }
}

variable "image" {
  description = "OCI image of the media-workers service."
  type        = string

  validation {
    condition     = length(var.image) > 0 && !can(regex("\\s", var.image))
    error_message = "image: must be an image reference without spaces."
  }
}

variable "pbx_port_range" {
  description = "UDP ports for RTP/RTCP toward PBXs (media.pbx-port-range); reachable only from the connections' CIDRs."
  type        = object({ from = number, to = number })
  default     = { from = 10000, to = 19999 }

  validation {
    condition = (var.pbx_port_range.from >= 1024 && var.pbx_port_range.to <= 65535 &&
    var.pbx_port_range.from < var.pbx_port_range.to)
    error_message = "pbx_port_range: from < to, both within 1024..65535."
  }
}

variable "device_port_range" {
  description = "UDP ports for ICE/DTLS-SRTP toward devices (media.device-port-range); reachable from anywhere."
  type        = object({ from = number, to = number })
  default     = { from = 20000, to = 39999 }

  validation {
    condition = (var.device_port_range.from >= 1024 && var.device_port_range.to <= 65535 &&
    var.device_port_range.from < var.device_port_range.to)
    error_message = "device_port_range: from < to, both within 1024..65535."
  }

  validation {
    condition = (var.device_port_range.to < var.pbx_port_range.from ||
    var.device_port_range.from > var.pbx_port_range.to)
    error_message = "device_port_range: must not overlap pbx_port_range (the PBX range must stay closed to the internet)."
  }
}

variable "control_port" {
  description = "TCP port of the worker's control API (offer/answer/delete); only the edges may reach it."
  type        = number
  default     = 8090

  validation {
    condition     = var.control_port >= 1 && var.control_port <= 65535
    error_message = "control_port: must be 1..65535."
  }
}

variable "observe_port" {
  description = "TCP port of the worker's health and Prometheus metrics (observe.port); only monitoring_security_group_ids may reach it."
  type        = number
  default     = 9104

  validation {
    condition     = var.observe_port >= 1 && var.observe_port <= 65535
    error_message = "observe_port: must be 1..65535."
  }
}

variable "edge_security_group_id" {
  description = "Security group of the SBC edges, the only clients of the control API."
  type        = string
}

variable "redis_cluster" {
  description = "Whether redis.uri is a Redis Cluster (ElastiCache cluster mode; redis module output cluster_mode): the worker's registry client then routes each key to its shard."
  type        = bool
}

variable "redis_uri_secret_arn" {
  description = "Secrets Manager ARN of the full Redis URI with its auth token (redis.uri): workers register themselves and their load there."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed KMS key the secrets are encrypted with, or null when they use the AWS-managed key."
  type        = string
  default     = null
}

variable "monitoring_security_group_ids" {
  description = "Security groups (e.g. your Prometheus) allowed to reach the observe port (health, metrics)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
