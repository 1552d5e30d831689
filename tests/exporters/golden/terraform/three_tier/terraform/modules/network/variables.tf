variable "name" {
  description = "Name prefix for every network resource."
  type        = string
}

variable "cidr" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "az_count" {
  description = "Availability zones to spread subnets over."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key encrypting the flow-log group."
  type        = string
}
