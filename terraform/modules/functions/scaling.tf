resource "aws_appautoscaling_target" "function" {
  for_each = local.functions

  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.function[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_tasks
  max_capacity       = var.max_tasks
}

resource "aws_appautoscaling_policy" "out" {
  for_each = local.functions

  name               = "${each.key}-lag-out"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.function[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.function[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.function[each.key].scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ChangeInCapacity"
    cooldown                = 60
    metric_aggregation_type = "Maximum"

    step_adjustment {
      metric_interval_lower_bound = 0
      scaling_adjustment          = 1
    }
  }
}

resource "aws_appautoscaling_policy" "idle" {
  for_each = local.functions

  name               = "${each.key}-idle"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.function[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.function[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.function[each.key].scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ExactCapacity"
    cooldown                = 300
    metric_aggregation_type = "Maximum"

    step_adjustment {
      metric_interval_upper_bound = 0
      scaling_adjustment          = var.min_tasks
    }
  }
}

# MSK publishes SumOffsetLag per consumer group and topic while the group is
# STABLE or EMPTY, so the metric keeps flowing after the last task stopped.
resource "aws_cloudwatch_metric_alarm" "lag" {
  for_each = local.functions

  alarm_name          = "${var.name}-${each.key}-lag"
  alarm_description   = "Events wait for ${each.key}: add a task"
  namespace           = "AWS/Kafka"
  metric_name         = "SumOffsetLag"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.lag_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_appautoscaling_policy.out[each.key].arn]

  dimensions = {
    "Cluster Name"   = var.kafka_cluster_name
    "Consumer Group" = each.value.consumer_group
    "Topic"          = each.value.topic
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "idle" {
  for_each = local.functions

  alarm_name          = "${var.name}-${each.key}-idle"
  alarm_description   = "No lag for ${var.idle_minutes} minutes: scale ${each.key} down to ${var.min_tasks}"
  namespace           = "AWS/Kafka"
  metric_name         = "SumOffsetLag"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = var.idle_minutes
  comparison_operator = "LessThanOrEqualToThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_appautoscaling_policy.idle[each.key].arn]

  dimensions = {
    "Cluster Name"   = var.kafka_cluster_name
    "Consumer Group" = each.value.consumer_group
    "Topic"          = each.value.topic
  }

  tags = var.tags
}
