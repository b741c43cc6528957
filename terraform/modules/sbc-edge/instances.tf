data "aws_region" "current" {}

data "aws_ssm_parameter" "ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.architecture}"
}

# The addresses customers put in their PBX and firewall. They outlive every
# instance: an edge's replacement takes over the same allocation at boot.
resource "aws_eip" "edge" {
  count = var.edge_count

  domain = "vpc"
  tags   = merge(var.tags, { Name = "${var.name}-edge-${count.index}", "ringedge:edge" = tostring(count.index) })

  lifecycle {
    # Releasing one of these breaks every customer that allow-listed it.
    prevent_destroy = true
  }
}

resource "aws_launch_template" "edge" {
  count = var.edge_count

  name_prefix            = "${var.name}-edge-${count.index}-"
  image_id               = data.aws_ssm_parameter.ami.insecure_value
  instance_type          = var.instance_type
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.edge.arn
  }

  network_interfaces {
    # Only for the seconds before the Elastic IP is associated (the AWS API
    # call needs a way out); AWS releases it when the EIP takes over.
    associate_public_ip_address = true
    delete_on_termination       = true
    security_groups             = [aws_security_group.edge.id]
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  # A change of connections changes the user data: a new launch template
  # version that each edge takes when it is next replaced (docs/operations.md,
  # "Adding a connection"). EC2 takes at most 16 KB of user data.
  user_data = base64encode(templatefile("${path.module}/user-data.sh.tftpl", {
    region        = data.aws_region.current.region
    allocation_id = aws_eip.edge[count.index].allocation_id
    image         = var.image
    registry      = local.registry
    config        = local.edge_config[count.index]
    secrets       = local.edge_secrets
    config_file   = local.edge_config_file
  }))

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = "${var.name}-edge-${count.index}", "ringedge:edge" = tostring(count.index) })
  }

  tags = var.tags
}

# One single-instance group per Elastic IP: the group keeps exactly one edge
# alive for its address, in whichever zone has capacity. There is no
# instance_refresh here on purpose: a launch-template change must not restart
# every edge at once; docs/operations.md rolls them one at a time.
resource "aws_autoscaling_group" "edge" {
  count = var.edge_count

  name_prefix               = "${var.name}-edge-${count.index}-"
  min_size                  = 1
  max_size                  = 1
  desired_capacity          = 1
  vpc_zone_identifier       = var.public_subnet_ids
  health_check_type         = "ELB"
  health_check_grace_period = 180
  target_group_arns         = [aws_lb_target_group.ws.arn]

  launch_template {
    id      = aws_launch_template.edge[count.index].id
    version = aws_launch_template.edge[count.index].latest_version
  }

  dynamic "tag" {
    for_each = merge(var.tags, { Name = "${var.name}-edge-${count.index}" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
