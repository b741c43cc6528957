variable "edge_count" {
  type = number
}

resource "aws_eip" "edge" {
  count  = var.edge_cuont
  domain = "vpc"
}
