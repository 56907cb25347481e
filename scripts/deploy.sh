#!/usr/bin/env bash
# Deploy one commit to the ECS services that infrastructure/aws creates.
#
# Usage: deploy.sh production|staging [--image-tag TAG] [--skip-build]
#   --image-tag TAG  image tag to deploy (default: IMAGE_TAG, else the HEAD commit)
#   --skip-build     the images are already in ECR (the GitHub workflow pushes them)
#
# Steps:
#   1. build and push hospital-crm-backend:TAG and hospital-crm-frontend:TAG to ECR
#   2. register new revisions of the backend, frontend and migrate task
#      definitions with those images
#   3. run `hospital-crm migrate` as a one-off Fargate task and require exit code 0
#   4. point both services at the new revisions and wait until they are stable
#   5. if they do not become stable, point them back at the previous revisions
#
# Needs the AWS CLI v2 with credentials for the deploy role, python3, and
# docker unless --skip-build. AWS_REGION defaults to ap-northeast-1.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)

usage() {
    echo "usage: $0 production|staging [--image-tag TAG] [--skip-build]" >&2
    exit 2
}

environment=${1:-}
case $environment in
    production | staging) shift ;;
    *) usage ;;
esac
image_tag=${IMAGE_TAG:-}
skip_build=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --image-tag) [[ $# -ge 2 ]] || usage; image_tag=$2; shift 2 ;;
        --skip-build) skip_build=true; shift ;;
        *) usage ;;
    esac
done
if [[ -z $image_tag ]]; then image_tag=$(git -C "$repo_root" rev-parse HEAD); fi

export AWS_REGION=${AWS_REGION:-ap-northeast-1}
export AWS_PAGER=""
prefix="hospital-crm-$environment"
cluster=$prefix
backend_service="$prefix-backend"
frontend_service="$prefix-frontend"
account_id=$(aws sts get-caller-identity --query Account --output text)
registry=${ECR_REGISTRY:-$account_id.dkr.ecr.$AWS_REGION.amazonaws.com}
backend_image="$registry/hospital-crm-backend:$image_tag"
frontend_image="$registry/hospital-crm-frontend:$image_tag"

log() { echo "deploy[$environment]: $*"; }

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

build_and_push() {
    log "building and pushing images tagged $image_tag"
    aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
    docker build --pull --tag "$backend_image" "$repo_root/backend"
    docker build --pull --tag "$frontend_image" "$repo_root/frontend"
    docker push "$backend_image"
    docker push "$frontend_image"
}

service_task_definition() {
    aws ecs describe-services --cluster "$cluster" --services "$1" \
        --query 'services[0].taskDefinition' --output text
}

# Register a copy of task definition $1 (a family name for its newest
# revision, or an ARN) with container $2 running image $3; print the new ARN.
register_revision() {
    local source=$1 container=$2 image=$3 input="$workdir/$2-task-definition.json"
    aws ecs describe-task-definition --task-definition "$source" --include TAGS --output json |
        python3 "$script_dir/lib/task-definition.py" "$container" "$image" >"$input"
    aws ecs register-task-definition --cli-input-json "file://$input" \
        --query 'taskDefinition.taskDefinitionArn' --output text
}

run_migrations() {
    local task_definition=$1 network task exit_code reason
    network=$(aws ecs describe-services --cluster "$cluster" --services "$backend_service" \
        --query 'services[0].networkConfiguration' --output json)
    log "running migrations with $task_definition"
    task=$(aws ecs run-task --cluster "$cluster" --launch-type FARGATE \
        --task-definition "$task_definition" --network-configuration "$network" \
        --started-by "deploy-${image_tag:0:20}" --query 'tasks[0].taskArn' --output text)
    if [[ $task != arn:* ]]; then
        log "could not start the migration task (no capacity, or a missing subnet or role); services unchanged" >&2
        exit 1
    fi
    # The waiter gives up after 10 minutes. A longer migration fails the deploy
    # here but keeps running, so check the task before retrying.
    if ! aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"; then
        log "migration task $task has not finished after 10 minutes; services unchanged" >&2
        exit 1
    fi
    exit_code=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
        --query "tasks[0].containers[?name=='migrate'].exitCode | [0]" --output text)
    if [[ $exit_code != 0 ]]; then
        reason=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
            --query 'tasks[0].stoppedReason' --output text)
        log "migration task $task failed with exit code $exit_code ($reason); services unchanged" >&2
        log "its output is in CloudWatch Logs group /ecs/$prefix-backend, stream prefix migrate" >&2
        exit 1
    fi
    log "migrations finished"
}

update_services() {
    aws ecs update-service --cluster "$cluster" --service "$backend_service" \
        --task-definition "$1" --query 'service.serviceName' --output text >/dev/null
    aws ecs update-service --cluster "$cluster" --service "$frontend_service" \
        --task-definition "$2" --query 'service.serviceName' --output text >/dev/null
}

# True when both services are stable on the expected revisions. The ECS
# deployment circuit breaker can roll a service back by itself, after which
# the service is stable but on the old revision.
services_on() {
    aws ecs wait services-stable --cluster "$cluster" \
        --services "$backend_service" "$frontend_service" || return 1
    [[ $(service_task_definition "$backend_service") == "$1" ]] &&
        [[ $(service_task_definition "$frontend_service") == "$2" ]]
}

if [[ $skip_build != true ]]; then build_and_push; fi

previous_backend=$(service_task_definition "$backend_service")
previous_frontend=$(service_task_definition "$frontend_service")
# The newest revision of each family is the template, not the one the service
# runs: it includes settings that Terraform changed since the last deploy.
new_backend=$(register_revision "$prefix-backend" backend "$backend_image")
new_frontend=$(register_revision "$prefix-frontend" frontend "$frontend_image")
new_migrate=$(register_revision "$prefix-migrate" migrate "$backend_image")
log "registered $new_backend, $new_frontend and $new_migrate"

run_migrations "$new_migrate"

log "updating services"
update_services "$new_backend" "$new_frontend"
if services_on "$new_backend" "$new_frontend"; then
    log "deployed $image_tag"
    exit 0
fi

log "services did not become stable on $image_tag; rolling back" >&2
update_services "$previous_backend" "$previous_frontend"
if services_on "$previous_backend" "$previous_frontend"; then
    log "rolled back to $previous_backend and $previous_frontend" >&2
else
    log "rollback did not become stable either; check the services in the ECS console" >&2
fi
exit 1
