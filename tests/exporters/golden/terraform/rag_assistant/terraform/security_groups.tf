resource "aws_security_group" "assistant" {
  name_prefix = "${var.project}-assistant-"
  description = "Assistant API (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "assistant"
  }
}

resource "aws_security_group" "chat_ui" {
  name_prefix = "${var.project}-chat-ui-"
  description = "Chat UI (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "chat-ui"
  }
}

resource "aws_security_group" "ingest" {
  name_prefix = "${var.project}-ingest-"
  description = "Ingestion worker (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "ingest"
  }
}

resource "aws_security_group" "llm_gateway" {
  name_prefix = "${var.project}-llm-gateway-"
  description = "LLM gateway (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "llm-gateway"
  }
}

resource "aws_security_group" "semantic_cache" {
  name_prefix = "${var.project}-semantic-cache-"
  description = "Semantic cache (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "semantic-cache"
  }
}

resource "aws_security_group" "vectors" {
  name_prefix = "${var.project}-vectors-"
  description = "Vector store (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "vectors"
  }
}

resource "aws_vpc_security_group_egress_rule" "assistant_to_semantic_cache" {
  security_group_id            = aws_security_group.assistant.id
  referenced_security_group_id = aws_security_group.semantic_cache.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Assistant API to Semantic cache"
}

resource "aws_vpc_security_group_ingress_rule" "semantic_cache_from_assistant" {
  security_group_id            = aws_security_group.semantic_cache.id
  referenced_security_group_id = aws_security_group.assistant.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Assistant API to Semantic cache"
}

resource "aws_vpc_security_group_egress_rule" "assistant_to_vectors" {
  security_group_id            = aws_security_group.assistant.id
  referenced_security_group_id = aws_security_group.vectors.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Assistant API to Vector store"
}

resource "aws_vpc_security_group_ingress_rule" "vectors_from_assistant" {
  security_group_id            = aws_security_group.vectors.id
  referenced_security_group_id = aws_security_group.assistant.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Assistant API to Vector store"
}

resource "aws_vpc_security_group_egress_rule" "chat_ui_to_assistant" {
  security_group_id            = aws_security_group.chat_ui.id
  referenced_security_group_id = aws_security_group.assistant.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Chat UI to Assistant API"
}

resource "aws_vpc_security_group_ingress_rule" "assistant_from_chat_ui" {
  security_group_id            = aws_security_group.assistant.id
  referenced_security_group_id = aws_security_group.chat_ui.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Chat UI to Assistant API"
}

resource "aws_vpc_security_group_egress_rule" "ingest_to_vectors" {
  security_group_id            = aws_security_group.ingest.id
  referenced_security_group_id = aws_security_group.vectors.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Ingestion worker to Vector store"
}

resource "aws_vpc_security_group_ingress_rule" "vectors_from_ingest" {
  security_group_id            = aws_security_group.vectors.id
  referenced_security_group_id = aws_security_group.ingest.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Ingestion worker to Vector store"
}

resource "aws_vpc_security_group_egress_rule" "llm_gateway_to_semantic_cache" {
  security_group_id            = aws_security_group.llm_gateway.id
  referenced_security_group_id = aws_security_group.semantic_cache.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "LLM gateway to Semantic cache"
}

resource "aws_vpc_security_group_ingress_rule" "semantic_cache_from_llm_gateway" {
  security_group_id            = aws_security_group.semantic_cache.id
  referenced_security_group_id = aws_security_group.llm_gateway.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "LLM gateway to Semantic cache"
}

resource "aws_vpc_security_group_egress_rule" "assistant_https" {
  security_group_id = aws_security_group.assistant.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_vpc_security_group_egress_rule" "chat_ui_https" {
  security_group_id = aws_security_group.chat_ui.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_vpc_security_group_egress_rule" "ingest_https" {
  security_group_id = aws_security_group.ingest.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_vpc_security_group_egress_rule" "llm_gateway_https" {
  security_group_id = aws_security_group.llm_gateway.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_security_group" "alb" {
  name_prefix = "${var.project}-alb-"
  description = "Public load balancer (archwright)"
  vpc_id      = module.network.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS from the internet"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_chat_ui" {
  security_group_id            = aws_security_group.alb.id
  referenced_security_group_id = aws_security_group.chat_ui.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "load balancer to Chat UI"
}

resource "aws_vpc_security_group_ingress_rule" "chat_ui_from_alb" {
  security_group_id            = aws_security_group.chat_ui.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "from the load balancer"
}
