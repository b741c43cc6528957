data "aws_region" "current" {}

data "aws_ssm_parameter" "ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${var.architecture}"
}

resource "aws_launch_template" "media" {
  name_prefix            = "${var.name}-media-"
  image_id               = data.aws_ssm_parameter.ami.insecure_value
  instance_type          = var.instance_type
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.media.arn
  }

  network_interfaces {
    # The public IP is the media address put in SDP; a worker's address may
    # change with the instance because sessions never outlive it.
    associate_public_ip_address = true
    delete_on_termination       = true
    security_groups             = [aws_security_group.media.id]
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  user_data = base64encode(templatefile("${path.module}/user-data.sh.tftpl", {
    region            = data.aws_region.current.region
    image             = var.image
    registry          = local.registry
    config            = local.media_config
    instance_config   = local.instance_config
    secrets           = local.media_secrets
    lifecycle_hook    = local.drain_hook_name
    autoscaling_group = local.autoscaling_group_name
    drain_seconds     = var.drain_seconds
  }))

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = "${var.name}-media" })
  }

  tags = var.tags
}

locals {
  drain_hook_name = "ringedge-drain"

  # A fixed name, so the launch template can name its own group without a cycle.
  autoscaling_group_name = "${var.name}-media"
}

resource "aws_autoscaling_group" "media" {
  name                      = local.autoscaling_group_name
  min_size                  = var.min_count
  max_size                  = var.max_count
  vpc_zone_identifier       = var.public_subnet_ids
  health_check_type         = "EC2"
  health_check_grace_period = 180

  launch_template {
    id      = aws_launch_template.media.id
    version = aws_launch_template.media.latest_version
  }

  # A worker being removed keeps its calls until they end (or drain_seconds):
  # the user data watches for this hook, stops taking sessions and completes it.
  initial_lifecycle_hook {
    name                 = local.drain_hook_name
    lifecycle_transition = "autoscaling:EC2_INSTANCE_TERMINATING"
    heartbeat_timeout    = var.drain_seconds
    default_result       = "CONTINUE"
  }

  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 90
    }
  }

  dynamic "tag" {
    for_each = merge(var.tags, { Name = "${var.name}-media" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

resource "aws_autoscaling_policy" "cpu" {
  name                   = "ringedge-media-cpu"
  autoscaling_group_name = aws_autoscaling_group.media.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = var.target_cpu_percent
  }
}
