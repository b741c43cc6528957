variable "jwt_key_secret_arn" {
  type    = string
  default = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt"
}

variable "signing_material" {
  type      = string
  sensitive = true
  default   = "not-so-secret"
}

variable "auth_token_version" {
  type    = number
  default = 1
}
