locals {
  # Idempotent: creates missing topics and (re)applies retention to all of them.
  # Partition counts only grow by hand (kafka-topics.sh --alter), because that
  # moves keys between partitions.
  create_topics_script = join("\n", concat(["set -e"], flatten([
    for name, t in var.kafka_topics : [
      "/opt/kafka/bin/kafka-topics.sh --bootstrap-server \"$KAFKA_BOOTSTRAP_SERVERS\" --create --if-not-exists --topic ${name} --partitions ${t.partitions} --replication-factor ${t.replication_factor} --config retention.ms=${t.retention_hours * 3600000} --config min.insync.replicas=${t.replication_factor - 1}",
      "/opt/kafka/bin/kafka-configs.sh --bootstrap-server \"$KAFKA_BOOTSTRAP_SERVERS\" --alter --entity-type topics --entity-name ${name} --add-config retention.ms=${t.retention_hours * 3600000}",
    ]
  ])))
}

resource "aws_ecs_task_definition" "create_topics" {
  family                   = "${var.name}-create-topics"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([{
    name        = "create-topics"
    image       = var.kafka_tools_image
    essential   = true
    entryPoint  = ["/bin/sh", "-c"]
    command     = [local.create_topics_script]
    environment = [{ name = "KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_bootstrap_servers }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.create_topics.name
        awslogs-region        = data.aws_region.current.region
        awslogs-stream-prefix = "create-topics"
      }
    }
  }])

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "create_topics" {
  name              = "/ringedge/${var.name}/create-topics"
  retention_in_days = 30
  tags              = var.tags
}
