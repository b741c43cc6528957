# Ringedge in one AWS region: copy this file, set the variables (for example in
# a terraform.tfvars next to it), then `terraform init && terraform apply`.
# When you copy it out of this repository, point each module `source` at the
# repository (e.g. "git::https://<your git host>/ringedge.git//terraform/modules/network?ref=v0.1.0").
#
#   region              = "eu-west-1"
#   name                = "ringedge-prod"
#   wss_hostname        = "sip.example.com"
#   wss_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/..."
#   images = {
#     edge_sbc       = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ringedge/edge-sbc:0.1.0"
#     media_workers  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ringedge/media-workers:0.1.0"
#     push_service   = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ringedge/push-service:0.1.0"
#     device_locator = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ringedge/device-locator:0.1.0"
#   }
#   connections = {
#     acme-pbx = {
#       tenant = "acme"
#       cidrs  = ["203.0.113.10/32"]
#       routes = [
#         { did = "+15551230001", user = "alice" }, # one number to one user
#         { did = "+1555123*", user = "sales" },    # a prefix (trailing *)
#       ]
#     }
#     globex-sbc = {
#       tenant = "globex"
#       cidrs  = ["198.51.100.0/28", "192.0.2.7/32"]
#       routes = [{ regex = "\\+44.*", user = "uk-desk" }] # a regular expression
#     }
#   }
#   jwt_key_secret_arn          = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringedge/jwt-key-..."
#   admin_api_key_secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringedge/admin-api-key-..."
#   attach_token_key_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringedge/attach-token-key-..."
#   apns_team_id                = "ABCDE12345"
#   apns_key_id                 = "KEY1234567"
#   fcm_project_id              = "my-firebase-project"
#   apns_key_secret_arn         = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringedge/apns-key-..."
#   fcm_credentials_secret_arn  = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringedge/fcm-..."
#   redis_auth_token_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ringedge/redis-auth-..."
#
# Secrets are created outside Terraform (docs/operations.md, "Secrets"); only
# their ARNs go in here, so no secret value is ever in a variable or the state.

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = { "ringedge:deployment" = var.name }
  }
}

variable "region" {
  description = "AWS region to deploy into."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region: must be an AWS region name such as eu-west-1."
  }
}

variable "name" {
  description = "Name of this deployment, prefixed to every resource."
  type        = string
  default     = "ringedge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name))
    error_message = "name: 2-24 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "connections" {
  description = "Customer connections (PBX trunks) keyed by connection id: the tenant whose users its calls ring, the IPv4 CIDRs its PBXs send SIP from, and how a dialled number (DID) routes to a user. The edges' admission table (edge.connections) and the SIP firewall rules both come from this one variable: a PBX is reachable and admitted only once it is listed here (default deny)."
  type = map(object({
    tenant = string
    cidrs  = list(string)
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
    condition     = alltrue([for r in flatten([for c in values(var.connections) : c.routes]) : (r.did == null) != (r.regex == null) && length(trimspace(r.user)) > 0])
    error_message = "connections: each route sets exactly one of did (exact, or a prefix ending in *) and regex, and a user."
  }
}

variable "edge_count" {
  description = "Number of SBC edges, i.e. of static IPs handed to customers."
  type        = number
  default     = 2

  validation {
    condition     = var.edge_count >= 1 && var.edge_count <= 16 && floor(var.edge_count) == var.edge_count
    error_message = "edge_count: must be a whole number from 1 to 16."
  }
}

variable "media_workers" {
  description = "Media worker autoscaling bounds."
  type        = object({ min = number, max = number })
  default     = { min = 2, max = 10 }

  validation {
    condition     = var.media_workers.min >= 1 && var.media_workers.max >= var.media_workers.min && var.media_workers.max <= 100
    error_message = "media_workers: 1 <= min <= max <= 100."
  }
}

variable "functions_min_tasks" {
  description = "Fewest tasks of push-service and device-locator: 0 scales them to zero when idle (cold start on the next call), 1 keeps them warm."
  type        = number
  default     = 0

  validation {
    condition     = var.functions_min_tasks >= 0 && var.functions_min_tasks <= 50
    error_message = "functions_min_tasks: must be from 0 to 50."
  }
}

variable "images" {
  description = "OCI images of the services (built by infra/, pushed to your registry)."
  type = object({
    edge_sbc       = string
    media_workers  = string
    push_service   = string
    device_locator = string
  })
}

variable "wss_hostname" {
  description = "DNS name apps and browsers connect to over WSS."
  type        = string
}

variable "wss_certificate_arn" {
  description = "ACM certificate covering wss_hostname."
  type        = string
}

variable "jwt_key_secret_arn" {
  description = "Secrets Manager ARN of the device JWT signing key."
  type        = string
}

variable "admin_api_key_secret_arn" {
  description = "Secrets Manager ARN of the API key that protects device token minting on the edges."
  type        = string
}

variable "attach_token_key_secret_arn" {
  description = "Secrets Manager ARN of the base64 HMAC key (32+ random bytes) of the attach tokens in wake-up pushes: the push service signs them, the edges check them."
  type        = string
}

variable "apns_team_id" {
  description = "Apple developer team id of the APNs token key."
  type        = string
}

variable "apns_key_id" {
  description = "Key id of the APNs .p8 token key."
  type        = string
}

variable "fcm_project_id" {
  description = "Firebase project id."
  type        = string
}

variable "apns_key_secret_arn" {
  description = "Secrets Manager ARN of the APNs .p8 auth key."
  type        = string
}

variable "fcm_credentials_secret_arn" {
  description = "Secrets Manager ARN of the Firebase service-account JSON."
  type        = string
}

variable "redis_auth_token_secret_arn" {
  description = "Secrets Manager ARN of the Redis AUTH token."
  type        = string
}

variable "redis_auth_token_version" {
  description = "Bump after rotating the Redis AUTH token secret."
  type        = number
  default     = 1
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed KMS key of the secrets, or null for the AWS-managed key."
  type        = string
  default     = null
}

module "network" {
  source = "../../modules/network"

  name = var.name
}

module "kafka" {
  source = "../../modules/kafka"

  name                      = var.name
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  client_security_group_ids = [module.sbc_edge.security_group_id, module.functions.security_group_id]
}

module "redis" {
  source = "../../modules/redis"

  name                      = var.name
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  client_security_group_ids = [module.sbc_edge.security_group_id, module.media_workers.security_group_id, module.functions.security_group_id]
  auth_token_secret_arn     = var.redis_auth_token_secret_arn
  auth_token_version        = var.redis_auth_token_version
  kms_key_arn               = var.secrets_kms_key_arn
}

module "sbc_edge" {
  source = "../../modules/sbc-edge"

  name                        = var.name
  vpc_id                      = module.network.vpc_id
  public_subnet_ids           = module.network.public_subnet_ids
  connections                 = var.connections
  edge_count                  = var.edge_count
  image                       = var.images.edge_sbc
  wss_hostname                = var.wss_hostname
  wss_certificate_arn         = var.wss_certificate_arn
  kafka_bootstrap_servers     = module.kafka.bootstrap_servers
  redis_uri_secret_arn        = module.redis.uri_secret_arn
  redis_cluster               = module.redis.cluster_mode
  jwt_key_secret_arn          = var.jwt_key_secret_arn
  admin_api_key_secret_arn    = var.admin_api_key_secret_arn
  attach_token_key_secret_arn = var.attach_token_key_secret_arn
  secrets_kms_key_arn         = var.secrets_kms_key_arn
}

module "media_workers" {
  source = "../../modules/media-workers"

  name                   = var.name
  vpc_id                 = module.network.vpc_id
  public_subnet_ids      = module.network.public_subnet_ids
  connections            = { for id, connection in var.connections : id => connection.cidrs }
  min_count              = var.media_workers.min
  max_count              = var.media_workers.max
  image                  = var.images.media_workers
  edge_security_group_id = module.sbc_edge.security_group_id
  redis_uri_secret_arn   = module.redis.uri_secret_arn
  redis_cluster          = module.redis.cluster_mode
  secrets_kms_key_arn    = var.secrets_kms_key_arn
}

module "functions" {
  source = "../../modules/functions"

  name                        = var.name
  vpc_id                      = module.network.vpc_id
  private_subnet_ids          = module.network.private_subnet_ids
  kafka_bootstrap_servers     = module.kafka.bootstrap_servers
  kafka_cluster_name          = module.kafka.cluster_name
  kafka_topics                = module.kafka.topics
  redis_uri_secret_arn        = module.redis.uri_secret_arn
  redis_cluster               = module.redis.cluster_mode
  attach_url                  = module.sbc_edge.wss_url
  attach_token_key_secret_arn = var.attach_token_key_secret_arn
  apns_team_id                = var.apns_team_id
  apns_key_id                 = var.apns_key_id
  apns_key_secret_arn         = var.apns_key_secret_arn
  fcm_project_id              = var.fcm_project_id
  fcm_credentials_secret_arn  = var.fcm_credentials_secret_arn
  secrets_kms_key_arn         = var.secrets_kms_key_arn
  push_service_image          = var.images.push_service
  device_locator_image        = var.images.device_locator
  min_tasks                   = var.functions_min_tasks
}

output "static_ips" {
  description = "Hand these to customers: their PBX sends SIP here and allow-lists them (all our signalling comes from them)."
  value       = module.sbc_edge.static_ips
}

output "sip_ports" {
  description = "SIP ports on the static IPs (UDP, TCP, TLS)."
  value       = module.sbc_edge.sip_ports
}

output "pbx_rtp_port_range" {
  description = "UDP range the media workers receive PBX RTP on; customers' firewalls must admit RTP from the workers."
  value       = module.media_workers.pbx_port_range
}

output "wss_url" {
  description = "WebSocket URL for apps and browsers."
  value       = module.sbc_edge.wss_url
}

output "wss_dns_target" {
  description = "Make wss_hostname a CNAME (or Route 53 alias) of this name."
  value       = module.sbc_edge.wss_lb_dns_name
}

output "create_topics_command" {
  description = "Run once after the first apply (and after changing topics) to create the Kafka topics with their retention."
  value       = module.functions.create_topics_command
}
