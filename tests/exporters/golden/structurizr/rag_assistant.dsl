workspace "RAG assistant" "An internal knowledge assistant answering from company documents." {
  model {
    system = softwareSystem "RAG assistant" {
      group "VPC" {
        n3 = container "Chat UI" "web_frontend" "" {
          tags "Compute"
        }
        n4 = container "Assistant API" "service" "" {
          tags "Compute"
        }
        n5 = container "Semantic cache" "cache" "redis" {
          tags "Datastore"
        }
        n7 = container "Vector store" "vector_db" "pgvector" {
          tags "Datastore"
        }
        n8 = container "Reranker" "ml_model" "aws-bedrock-cohere-rerank" {
          tags "AI"
        }
        n9 = container "LLM gateway" "api_gateway" "" {
          tags "Edge"
        }
        n13 = container "Ingestion worker" "worker" "" {
          tags "Compute"
        }
        n14 = container "Evaluation and drift monitoring" "monitoring" "prometheus" {
          tags "Observability"
        }
      }
      group "Model providers" {
        n6 = container "Embedding model" "ml_model" "aws-bedrock-titan-embeddings" {
          tags "AI"
        }
        n10 = container "Primary model" "llm" "anthropic-claude-sonnet" {
          tags "AI"
        }
        n11 = container "Fallback model" "llm" "openai-gpt-4o-mini" {
          tags "AI"
        }
      }
      n2 = container "Company SSO" "identity" "aws-cognito" {
        tags "Platform"
      }
      n12 = container "Document store" "object_store" "aws-s3" {
        tags "Datastore"
      }
    }
    n1 = person "Employees" "client" {
      tags "Client"
    }
    n1 -> n3 "calls" "https / sync" {
      tags "Sync"
    }
    n3 -> n2 "OIDC login" "https / sync" {
      tags "Sync"
    }
    n3 -> n4 "calls" "https / sync" {
      tags "Sync"
    }
    n4 -> n5 "calls" "redis / sync" {
      tags "Sync"
    }
    n5 -> n9 "calls" "https / sync" {
      tags "Sync"
    }
    n4 -> n6 "calls" "https / sync" {
      tags "Sync"
    }
    n4 -> n7 "calls" "sql / sync" {
      tags "Sync"
    }
    n4 -> n8 "calls" "grpc / sync" {
      tags "Sync"
    }
    n9 -> n10 "calls" "https / sync" {
      tags "Sync"
    }
    n13 -> n12 "calls" "s3 / sync" {
      tags "Sync"
    }
    n13 -> n6 "calls" "https / sync" {
      tags "Sync"
    }
    n13 -> n7 "calls" "sql / sync" {
      tags "Sync"
    }
    n4 -> n14 "traces and answer-quality scores" "https / async" {
      tags "Async"
    }
  }
  views {
    container system "containers" {
      include *
      autoLayout lr
    }
    styles {
      element "Client" {
        shape Person
      }
      element "Edge" {
        shape Hexagon
      }
      element "Datastore" {
        shape Cylinder
      }
      element "Messaging" {
        shape Pipe
      }
      element "AI" {
        shape Ellipse
      }
      element "External" {
        background #999999
      }
      relationship "Async" {
        dashed true
      }
    }
  }
}
