# ---------------------------------------------------------------------------
# Log groups

resource "aws_cloudwatch_log_group" "backend" {
  #checkov:skip=CKV_AWS_338:Application logs are kept 30 days; the audit trail lives in the database's audit log.
  name              = "/ecs/${local.name}-backend"
  retention_in_days = var.app_log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "frontend" {
  #checkov:skip=CKV_AWS_338:nginx access logs are kept 30 days; the audit trail lives in the database's audit log.
  name              = "/ecs/${local.name}-frontend"
  retention_in_days = var.app_log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "ecs_exec" {
  name              = "/ecs/${local.name}-exec"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "vpc_flow" {
  name              = "/vpc/${local.name}-flow"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

# AWS WAF requires the aws-waf-logs- prefix.
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${local.name}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "redis" {
  name              = "/elasticache/${local.name}-redis"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

# RDS writes to these names; creating them first sets retention and
# encryption.
resource "aws_cloudwatch_log_group" "rds" {
  for_each = toset([
    for pair in setproduct(["${local.name}-db", "${local.name}-db-replica"], ["postgresql", "upgrade"]) :
    "/aws/rds/instance/${pair[0]}/${pair[1]}"
  ])

  name              = each.key
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

# ---------------------------------------------------------------------------
# Alarms, sent to one encrypted SNS topic.

resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = aws_kms_key.main.arn
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email != "" ? 1 : 0

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  services = {
    backend  = aws_ecs_service.backend.name
    frontend = aws_ecs_service.frontend.name
  }
  target_groups = {
    backend  = aws_lb_target_group.backend
    frontend = aws_lb_target_group.frontend
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "ecs_cpu" {
  for_each = local.services

  alarm_name          = "${each.value}-cpu-high"
  alarm_description   = "Average CPU of the ${each.key} service above 80 % for 10 minutes, while auto scaling aims at ${var.autoscaling_cpu_target} %: it is at its maximum task count or cannot start tasks."
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = { ClusterName = aws_ecs_cluster.main.name, ServiceName = each.value }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "ecs_memory" {
  for_each = local.services

  alarm_name          = "${each.value}-memory-high"
  alarm_description   = "Average memory of the ${each.key} service above 85 % for 10 minutes; tasks may be killed for running out of memory."
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  dimensions          = { ClusterName = aws_ecs_cluster.main.name, ServiceName = each.value }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = 85
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "rds_connections" {
  alarm_name          = "${local.name}-db-connections-high"
  alarm_description   = "PostgreSQL connections above ${var.db_connections_alarm_threshold} for 10 minutes. Each backend worker holds a pool of DATABASE_POOL_SIZE connections."
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.db_connections_alarm_threshold
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "rds_free_storage" {
  alarm_name          = "${local.name}-db-storage-low"
  alarm_description   = "Less than 10 GiB free on the primary database; storage autoscaling stops at ${var.db_max_allocated_storage_gb} GiB."
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = aws_db_instance.main.identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10 * 1024 * 1024 * 1024
  comparison_operator = "LessThanThreshold"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx_rate" {
  alarm_name          = "${local.name}-alb-5xx-rate"
  alarm_description   = "More than 5 % of requests answered with 5xx (by the targets or by the ALB itself) in 3 of the last 5 minutes."
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  threshold           = 5
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests"
    label       = "5xx responses (%)"
    return_data = true
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = { LoadBalancer = aws_lb.main.arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }

  metric_query {
    id = "target5xx"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = { LoadBalancer = aws_lb.main.arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }

  metric_query {
    id = "elb5xx"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_ELB_5XX_Count"
      dimensions  = { LoadBalancer = aws_lb.main.arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "alb_unhealthy_hosts" {
  for_each = local.target_groups

  alarm_name          = "${local.name}-${each.key}-unhealthy-hosts"
  alarm_description   = "At least one ${each.key} task failed its ALB health check for 3 minutes."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { LoadBalancer = aws_lb.main.arn_suffix, TargetGroup = each.value.arn_suffix }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
