output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnets, one per availability zone: edges, media workers, the WSS load balancer."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets, one per availability zone: MSK, ElastiCache, the Fargate functions."
  value       = aws_subnet.private[*].id
}

output "availability_zones" {
  description = "The availability zones in use, in subnet order."
  value       = local.azs
}
