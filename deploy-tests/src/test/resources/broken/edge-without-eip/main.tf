variable "edge_count" {
  type = number
}

resource "aws_eip" "edge" {
  count  = var.edge_count
  domain = "vpc"
}

resource "aws_launch_template" "edge" {
  count     = var.edge_count
  image_id  = "ami-123"
  user_data = base64encode("#!/bin/sh\necho no address taken over\n")
}

resource "aws_autoscaling_group" "edge" {
  count    = var.edge_count
  min_size = 1
  max_size = 2

  launch_template {
    id = aws_launch_template.edge[count.index].id
  }
}
