workspace "Three-tier web shop" "A product catalogue and checkout for a mid-size online shop." {
  model {
    system = softwareSystem "Three-tier web shop" {
      group "Edge" {
        n2 = container "CDN" "cdn" "aws-cloudfront" {
          tags "Edge"
        }
        n3 = container "Load balancer" "load_balancer" "aws-alb" {
          tags "Edge"
        }
      }
      group "VPC" {
        n4 = container "Web app" "web_frontend" "" {
          tags "Compute"
        }
        n5 = container "Shop API" "service" "" {
          tags "Compute"
        }
      }
      group "VPC / Data tier" {
        n6 = container "Redis cache" "cache" "aws-elasticache-redis" {
          tags "Datastore"
        }
        n7 = container "Orders database" "sql_db" "aws-rds-postgresql" {
          tags "Datastore"
        }
      }
    }
    n1 = person "Browser" "client" {
      tags "Client"
    }
    n1 -> n2 "calls" "https / sync" {
      tags "Sync"
    }
    n2 -> n3 "calls" "https / sync" {
      tags "Sync"
    }
    n3 -> n4 "calls" "http / sync" {
      tags "Sync"
    }
    n4 -> n5 "calls" "http / sync" {
      tags "Sync"
    }
    n5 -> n6 "calls" "redis / sync" {
      tags "Sync"
    }
    n5 -> n7 "calls" "sql / sync" {
      tags "Sync"
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
