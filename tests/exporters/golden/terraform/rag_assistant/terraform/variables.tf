variable "project" {
  description = "Name prefix of every resource."
  type        = string
  default     = "rag-assistant"
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread over."
  type        = number
  default     = 2
}

variable "images" {
  description = "Container image per service, pinned by tag or digest."
  type        = map(string)
  default = {
    assistant   = "rag-assistant/assistant:0.1.0"
    chat-ui     = "rag-assistant/chat-ui:0.1.0"
    ingest      = "rag-assistant/ingest:0.1.0"
    llm-gateway = "rag-assistant/llm-gateway:0.1.0"
  }
}

variable "certificate_arn" {
  description = "ACM certificate for the load balancer."
  type        = string
}
