variable "required_input" {
  type = string
}

variable "optional_input" {
  type    = string
  default = "x"
}

output "real" {
  value = var.optional_input
}
