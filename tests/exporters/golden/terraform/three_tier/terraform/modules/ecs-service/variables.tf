variable "name" {
  description = "Service name (a DNS label)."
  type        = string
}

variable "cluster_arn" {
  description = "ECS cluster running the service."
  type        = string
}

variable "image" {
  description = "Container image, pinned by tag or digest."
  type        = string
}

variable "port" {
  description = "Port the container listens on."
  type        = number
}

variable "health_path" {
  description = "HTTP health-check path."
  type        = string
}

variable "desired_count" {
  description = "Tasks to run."
  type        = number
}

variable "cpu" {
  description = "Task CPU units."
  type        = number
  default     = 256
}

variable "memory" {
  description = "Task memory (MiB)."
  type        = number
  default     = 512
}

variable "environment" {
  description = "Plain settings (no secrets)."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variable name -> Secrets Manager ARN (or ARN:key::)."
  type        = map(string)
  default     = {}
}

variable "secret_arns" {
  description = "Secrets the execution role may read (the ARNs behind `secrets`)."
  type        = list(string)
  default     = []
}

variable "subnet_ids" {
  description = "Private subnets for the tasks."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the service (rules derived from the model's connections)."
  type        = string
}

variable "target_group_arn" {
  description = "Load balancer target group, or null for an internal service."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "KMS key encrypting the log group."
  type        = string
}

variable "namespace_id" {
  description = "Cloud Map private DNS namespace for service discovery."
  type        = string
}

variable "tags" {
  description = "Tags of the ECS service (the design's component id and kind)."
  type        = map(string)
  default     = {}
}
