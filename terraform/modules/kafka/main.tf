resource "aws_security_group" "kafka" {
  name_prefix = "${var.name}-kafka-"
  description = "Ringedge MSK brokers: only from the services"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-kafka" })

  lifecycle {
    create_before_destroy = true
  }
}

# count, not for_each: the group ids are unknown until the clients exist.
resource "aws_vpc_security_group_ingress_rule" "clients" {
  count = length(var.client_security_group_ids)

  security_group_id            = aws_security_group.kafka.id
  description                  = "Kafka from Ringedge services"
  ip_protocol                  = "tcp"
  from_port                    = 9092
  to_port                      = 9098
  referenced_security_group_id = var.client_security_group_ids[count.index]
}

resource "aws_msk_configuration" "ringedge" {
  name           = "${var.name}-ringedge"
  kafka_versions = [var.kafka_version]

  # Topics are created with their own partitions and retention (see the
  # functions module's create-topics task), never by a producer's first send.
  # offsets.retention.minutes is long so a function scaled to zero keeps its
  # committed offsets, and with them the lag metric that wakes it up.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    unclean.leader.election.enable=false
    offsets.retention.minutes=43200
    log.retention.hours=168
  PROPERTIES
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "/ringedge/${var.name}/msk"
  retention_in_days = 30
  tags              = var.tags
}

resource "aws_msk_cluster" "this" {
  cluster_name           = "${var.name}-kafka"
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count
  enhanced_monitoring    = "DEFAULT"

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.kafka.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.ringedge.arn
    revision = aws_msk_configuration.ringedge.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn

    encryption_in_transit {
      client_broker = var.client_broker_encryption
      in_cluster    = true
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }

  tags = var.tags
}
