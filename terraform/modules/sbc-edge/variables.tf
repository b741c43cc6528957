variable "name" {
  description = "Prefix for resource names, e.g. \"ringedge-prod\" (short: load balancer names are limited to 32 characters)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name: 2-24 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC to run the edges in (network module output vpc_id)."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets for the edges and the WSS load balancer, one per availability zone. An edge's ASG may use any of them: its Elastic IP follows it across zones."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 1
    error_message = "public_subnet_ids: give at least one subnet."
  }
}

variable "connections" {
  description = "Customer connections (PBX trunks) keyed by connection id: the tenant whose users its calls ring, the IPv4 CIDRs its PBXs send SIP from, its call limits (new calls per second, concurrent calls; 0 = none), and how a dialled number (DID) routes to a user. The edges' admission table (edge.connections) and the SIP firewall rules both come from this one variable: a PBX is reachable and admitted only once it is listed here (default deny)."
  type = map(object({
    tenant = string
    cidrs  = list(string)
    # 0 = no limit; over a limit the edge answers 503 (docs/configuration.md)
    max_calls_per_second = optional(number, 0)
    max_concurrent_calls = optional(number, 0)
    routes = optional(list(object({
      did   = optional(string)
      regex = optional(string)
      user  = string
    })), [])
  }))

  validation {
    condition     = alltrue([for id in keys(var.connections) : can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", id))])
    error_message = "connections: ids are 1-63 letters, digits, '.', '_' or '-'."
  }

  validation {
    condition     = alltrue([for c in values(var.connections) : length(trimspace(c.tenant)) > 0 && length(c.cidrs) > 0])
    error_message = "connections: each connection needs a tenant and at least one CIDR."
  }

  validation {
    condition     = alltrue([for cidr in flatten([for c in values(var.connections) : c.cidrs]) : can(cidrhost(cidr, 0)) && can(cidrnetmask(cidr))])
    error_message = "connections: every CIDR must be IPv4, such as 203.0.113.10/32 (the edges' static addresses are IPv4)."
  }

  validation {
    condition     = alltrue([for cidr in flatten([for c in values(var.connections) : c.cidrs]) : !can(cidrnetmask(cidr)) || try(tonumber(split("/", cidr)[1]) >= 8, false)])
    error_message = "connections: a PBX CIDR must be /8 or narrower; SIP is never opened to the whole internet."
  }

  validation {
    condition     = alltrue([for c in values(var.connections) : c.max_calls_per_second >= 0 && c.max_concurrent_calls >= 0 && floor(c.max_calls_per_second) == c.max_calls_per_second && floor(c.max_concurrent_calls) == c.max_concurrent_calls])
    error_message = "connections: max_calls_per_second and max_concurrent_calls are whole numbers, 0 (no limit) or more."
  }

  validation {
    condition     = alltrue([for r in flatten([for c in values(var.connections) : c.routes]) : (r.did == null) != (r.regex == null) && length(trimspace(r.user)) > 0])
    error_message = "connections: each route sets exactly one of did (exact, or a prefix ending in *) and regex, and a user."
  }
}

variable "edge_count" {
  description = "Number of edges, each with its own Elastic IP handed to customers. Lowering it releases an address customers may use: see docs/operations.md."
  type        = number
  default     = 2

  validation {
    condition     = var.edge_count >= 1 && var.edge_count <= 16 && floor(var.edge_count) == var.edge_count
    error_message = "edge_count: must be a whole number from 1 to 16."
  }
}

variable "instance_type" {
  description = "EC2 instance type of an edge (SIP signalling only: media runs on the media workers)."
  type        = string
  default     = "c7i.large"
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
  description = "OCI image of the edge-sbc service, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/ringedge/edge-sbc:0.1.0."
  type        = string

  validation {
    condition     = length(var.image) > 0 && !can(regex("\\s", var.image))
    error_message = "image: must be an image reference without spaces."
  }
}

variable "sip_udp_port" {
  description = "SIP over UDP port on the edges' static IPs (edge.sip.udp-port)."
  type        = number
  default     = 5060

  validation {
    condition     = var.sip_udp_port >= 1 && var.sip_udp_port <= 65535
    error_message = "sip_udp_port: must be 1..65535."
  }
}

variable "sip_tcp_port" {
  description = "SIP over TCP port on the edges' static IPs (edge.sip.tcp-port)."
  type        = number
  default     = 5060

  validation {
    condition     = var.sip_tcp_port >= 1 && var.sip_tcp_port <= 65535
    error_message = "sip_tcp_port: must be 1..65535."
  }
}

variable "sip_tls_port" {
  description = "SIP over TLS port on the edges' static IPs (edge.sip.tls-port)."
  type        = number
  default     = 5061

  validation {
    condition     = var.sip_tls_port >= 1 && var.sip_tls_port <= 65535 && var.sip_tls_port != var.sip_tcp_port
    error_message = "sip_tls_port: must be 1..65535 and differ from sip_tcp_port."
  }
}

variable "ws_port" {
  description = "Plain WebSocket port (edge.sip.ws-port): the WSS load balancer terminates TLS and forwards here."
  type        = number
  default     = 8080

  validation {
    condition     = var.ws_port >= 1 && var.ws_port <= 65535
    error_message = "ws_port: must be 1..65535."
  }
}

variable "wss_port" {
  description = "The edge's own TLS WebSocket port (edge.sip.wss-port, used only with a key store). Not reachable from outside: devices use the load balancer on 443."
  type        = number
  default     = 8443

  validation {
    condition     = var.wss_port >= 1 && var.wss_port <= 65535
    error_message = "wss_port: must be 1..65535."
  }
}

variable "http_port" {
  description = "HTTP API port: device token minting (edge.http.port)."
  type        = number
  default     = 8081

  validation {
    condition = (var.http_port >= 1 && var.http_port <= 65535 &&
    length(distinct([var.ws_port, var.wss_port, var.http_port, var.sip_tcp_port, var.sip_tls_port])) == 5)
    error_message = "http_port: must be 1..65535, and the TCP ports (ws, wss, http, sip tcp, sip tls) must all differ."
  }
}

variable "observe_port" {
  description = "Health and Prometheus metrics port (observe.port); the load balancer probes readiness here."
  type        = number
  default     = 9101

  validation {
    condition = (var.observe_port >= 1 && var.observe_port <= 65535 &&
    !contains([var.ws_port, var.wss_port, var.http_port, var.sip_tcp_port, var.sip_tls_port], var.observe_port))
    error_message = "observe_port: must be 1..65535 and differ from the other TCP ports."
  }
}

variable "health_check_path" {
  description = "Readiness path on observe_port that the load balancer probes."
  type        = string
  default     = "/observe/health/ready"

  validation {
    condition     = startswith(var.health_check_path, "/")
    error_message = "health_check_path: must start with '/'."
  }
}

variable "wss_certificate_arn" {
  description = "ACM certificate for the WSS hostname, used by the load balancer's TLS listener on 443."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/", var.wss_certificate_arn))
    error_message = "wss_certificate_arn: must be an ACM certificate ARN."
  }
}

variable "wss_hostname" {
  description = "DNS name devices connect to (covered by wss_certificate_arn); point it at the wss_lb_dns_name output."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.wss_hostname))
    error_message = "wss_hostname: must be a lower-case DNS name such as sip.example.com."
  }
}

variable "wss_ssl_policy" {
  description = "TLS policy of the WSS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "kafka_bootstrap_servers" {
  description = "Kafka bootstrap servers (kafka.bootstrap-servers), host:port comma-separated."
  type        = string
}

variable "redis_cluster" {
  description = "Whether redis.uri is a Redis Cluster (ElastiCache cluster mode; redis module output cluster_mode): the edge then routes each key to its shard."
  type        = bool
}

variable "redis_uri_secret_arn" {
  description = "Secrets Manager ARN of the full Redis URI with its auth token (redis.uri), from the redis module."
  type        = string
}

variable "jwt_key_secret_arn" {
  description = "Secrets Manager ARN of the HS256 key that signs and checks device JWTs (edge.token.hmac-secret)."
  type        = string
}

variable "attach_token_key_secret_arn" {
  description = "Secrets Manager ARN of the base64 HMAC key of the push service's single-use attach tokens (edge.attach-token-key, the same secret as push.attach-token-key): without it no woken device can attach."
  type        = string
}

variable "admin_api_key_secret_arn" {
  description = "Secrets Manager ARN of the API key that protects token minting (edge.http.admin-api-key)."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed KMS key the secrets are encrypted with, or null when they use the AWS-managed key."
  type        = string
  default     = null
}

variable "monitoring_security_group_ids" {
  description = "Security groups (e.g. your Prometheus) allowed to reach the observe port (metrics, health)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
