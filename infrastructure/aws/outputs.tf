output "alb_dns_name" {
  description = "Point domain_name at this name (CNAME, or a Route 53 alias record)."
  value       = aws_lb.main.dns_name
}

output "ecs_cluster_name" {
  description = "ECS cluster that scripts/deploy.sh deploys to."
  value       = aws_ecs_cluster.main.name
}

output "ecr_repository_urls" {
  description = "Where to push the backend and frontend images."
  value       = { for name, repository in aws_ecr_repository.app : name => repository.repository_url }
}

output "github_deploy_role_arn" {
  description = "Set as the AWS_DEPLOY_ROLE_ARN variable of the GitHub environment named like this environment."
  value       = aws_iam_role.github_deploy.arn
}

output "private_subnet_ids" {
  description = "Subnets for one-off tasks (aws ecs run-task)."
  value       = aws_subnet.private[*].id
}

output "ecs_security_group_id" {
  description = "Security group for one-off tasks."
  value       = aws_security_group.ecs.id
}

output "db_endpoint" {
  description = "Primary database host name."
  value       = aws_db_instance.main.address
}

output "db_replica_endpoint" {
  description = "Read replica host name."
  value       = aws_db_instance.replica.address
}

output "documents_bucket" {
  description = "S3 bucket for uploaded documents (S3_BUCKET_NAME)."
  value       = aws_s3_bucket.documents.id
}

output "backups_bucket" {
  description = "S3 bucket for scripts/backup.sh (BACKUP_S3_BUCKET)."
  value       = aws_s3_bucket.backups.id
}

output "ssm_parameter_prefix" {
  description = "SSM Parameter Store path of this environment's secrets."
  value       = local.ssm_prefix
}

output "alarm_topic_arn" {
  description = "SNS topic that receives every alarm."
  value       = aws_sns_topic.alarms.arn
}
