output "security_group_id" {
  description = "Security group of the function tasks: give it to Kafka and Redis as a client."
  value       = aws_security_group.functions.id
}

output "cluster_name" {
  description = "ECS cluster running the functions."
  value       = aws_ecs_cluster.this.name
}

output "services" {
  description = "ECS service name of each function."
  value       = { for name, service in aws_ecs_service.function : name => service.name }
}

output "create_topics_command" {
  description = "Run once after the first apply, and again after changing topics: creates the topics and applies their retention."
  value = join(" ", [
    "aws ecs run-task --region ${data.aws_region.current.region}",
    "--cluster ${aws_ecs_cluster.this.name}",
    "--task-definition ${aws_ecs_task_definition.create_topics.arn}",
    "--launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", var.private_subnet_ids)}],securityGroups=[${aws_security_group.functions.id}]}'",
  ])
}
