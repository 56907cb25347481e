resource "aws_ecr_repository" "app" {
  for_each = toset(["backend", "frontend"])

  # Shared by all environments: an image is built once per commit and the
  # same tag is promoted from staging to production.
  name                 = "hospital-crm-${each.key}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.main.arn
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  for_each = aws_ecr_repository.app

  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the newest images for rollbacks"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = var.ecr_images_to_keep
      }
      action = { type = "expire" }
    }]
  })
}

resource "aws_ecs_cluster" "main" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.main.arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.ecs_exec.name
      }
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

locals {
  backend_image  = "${aws_ecr_repository.app["backend"].repository_url}:${var.image_tag}"
  frontend_image = "${aws_ecr_repository.app["frontend"].repository_url}:${var.image_tag}"

  # Every secret the backend reads, as ECS `secrets` entries resolved from
  # SSM Parameter Store when a task starts.
  backend_secrets = [
    for variable, parameter in local.backend_secret_parameters : {
      name      = variable
      valueFrom = parameter.arn
    }
  ]

  backend_environment = [
    { name = "APP_ENV", value = var.environment },
    { name = "AWS_REGION", value = var.aws_region },
    { name = "CORS_ORIGINS", value = "https://${var.domain_name}" },
    { name = "SMTP_PORT", value = tostring(var.smtp_port) },
    { name = "LOG_LEVEL", value = "INFO" },
    { name = "WEB_CONCURRENCY", value = tostring(var.backend_workers) },
    # The ALB's addresses come from the public subnets; only it may set
    # X-Forwarded-For and X-Forwarded-Proto.
    { name = "TRUSTED_PROXIES", value = join(",", aws_subnet.public[*].cidr_block) },
  ]

  backend_log_options = {
    "awslogs-group"         = aws_cloudwatch_log_group.backend.name
    "awslogs-region"        = var.aws_region
    "awslogs-stream-prefix" = "backend"
  }
}

resource "aws_ecs_task_definition" "backend" {
  #checkov:skip=CKV_AWS_336:NOTE: the root filesystem stays writable because uploads spool to /tmp and Fargate bind mounts for it are untested here.
  family                   = "${local.name}-backend"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.backend_cpu
  memory                   = var.backend_memory
  execution_role_arn       = aws_iam_role.ecs_execution.arn
  task_role_arn            = aws_iam_role.ecs_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([{
    name         = "backend"
    image        = local.backend_image
    essential    = true
    portMappings = [{ containerPort = 3001, protocol = "tcp" }]
    environment  = local.backend_environment
    secrets      = local.backend_secrets
    # uvicorn finishes open requests for up to 20 s after SIGTERM.
    stopTimeout = 30
    healthCheck = {
      command     = ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3001/health/live', timeout=4)"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 30
    }
    logConfiguration = { logDriver = "awslogs", options = local.backend_log_options }
  }])
}

# One-off task for `hospital-crm migrate`, started by scripts/deploy.sh before
# the services are updated.
resource "aws_ecs_task_definition" "migrate" {
  #checkov:skip=CKV_AWS_336:NOTE: same image and filesystem needs as the backend task.
  family                   = "${local.name}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.ecs_execution.arn
  task_role_arn            = aws_iam_role.ecs_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([{
    name        = "migrate"
    image       = local.backend_image
    essential   = true
    command     = ["hospital-crm", "migrate"]
    environment = local.backend_environment
    secrets     = local.backend_secrets
    stopTimeout = 30
    logConfiguration = {
      logDriver = "awslogs"
      options   = merge(local.backend_log_options, { "awslogs-stream-prefix" = "migrate" })
    }
  }])
}

resource "aws_ecs_task_definition" "frontend" {
  #checkov:skip=CKV_AWS_336:The nginx image's entrypoint renders its configuration into /etc/nginx/conf.d at start-up.
  family                   = "${local.name}-frontend"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.frontend_cpu
  memory                   = var.frontend_memory
  execution_role_arn       = aws_iam_role.ecs_execution.arn
  # nginx calls no AWS API, so the frontend task has no task role.

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([{
    name         = "frontend"
    image        = local.frontend_image
    essential    = true
    portMappings = [{ containerPort = 3000, protocol = "tcp" }]
    environment = [
      # The ALB sends /api/* and /health* straight to the backend target
      # group, so nginx's proxy for those paths is used only by docker
      # compose. A loopback address keeps the template valid and turns any
      # stray request into a 502.
      { name = "BACKEND_UPSTREAM", value = "127.0.0.1:3001" },
    ]
    stopTimeout = 30
    healthCheck = {
      command     = ["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:3000/index.html"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 10
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.frontend.name
        "awslogs-region"        = var.aws_region
        "awslogs-stream-prefix" = "frontend"
      }
    }
  }])
}

resource "aws_ecs_service" "backend" {
  name             = "${local.name}-backend"
  cluster          = aws_ecs_cluster.main.id
  task_definition  = aws_ecs_task_definition.backend.arn
  desired_count    = var.min_tasks
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 60
  enable_execute_command             = var.enable_execute_command

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.ecs.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.backend.arn
    container_name   = "backend"
    container_port   = 3001
  }

  # scripts/deploy.sh registers new task definition revisions and auto scaling
  # changes the task count; Terraform must not undo either.
  lifecycle {
    ignore_changes = [task_definition, desired_count]
  }

  depends_on = [aws_lb_listener_rule.backend]
}

resource "aws_ecs_service" "frontend" {
  name             = "${local.name}-frontend"
  cluster          = aws_ecs_cluster.main.id
  task_definition  = aws_ecs_task_definition.frontend.arn
  desired_count    = var.min_tasks
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 30

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.ecs.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.frontend.arn
    container_name   = "frontend"
    container_port   = 3000
  }

  lifecycle {
    ignore_changes = [task_definition, desired_count]
  }

  depends_on = [aws_lb_listener.https]
}
