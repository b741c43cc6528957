data "aws_region" "current" {}

resource "aws_ecs_cluster" "this" {
  name = "${var.name}-functions"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_security_group" "functions" {
  name_prefix = "${var.name}-functions-"
  description = "Ringedge functions: no inbound, outbound to Kafka, Redis, APNs, FCM"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-functions" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "functions_all" {
  security_group_id = aws_security_group.functions.id
  description       = "Kafka, Redis, APNs, FCM"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/ringedge/${var.name}/${each.key}"
  retention_in_days = 30
  tags              = var.tags
}

resource "aws_ecs_task_definition" "function" {
  for_each = local.functions

  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([{
    name        = each.key
    image       = each.value.image
    essential   = true
    environment = [for key, value in each.value.config : { name = local.env_names[key], value = tostring(value) }]
    # Only ARNs here: ECS reads the values when the task starts.
    secrets = [for key, arn in each.value.secrets : { name = local.env_names[key], valueFrom = arn }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.function[each.key].name
        awslogs-region        = data.aws_region.current.region
        awslogs-stream-prefix = each.key
      }
    }
  }])

  tags = var.tags
}

resource "aws_ecs_service" "function" {
  for_each = local.functions

  name            = each.key
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.function[each.key].arn
  launch_type     = "FARGATE"
  # Start with one task even when min_tasks is 0: the consumer group must
  # commit offsets once before MSK reports the lag that scales it from zero.
  desired_count = max(1, var.min_tasks)

  network_configuration {
    subnets         = var.private_subnet_ids
    security_groups = [aws_security_group.functions.id]
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [desired_count]
  }
}
