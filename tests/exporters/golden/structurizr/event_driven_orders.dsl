workspace "Event-driven orders" "Orders accepted synchronously, fulfilled asynchronously through an event stream." {
  model {
    system = softwareSystem "Event-driven orders" {
      group "us-east-1" {
        n3 = container "API gateway" "api_gateway" "aws-api-gateway" {
          tags "Edge"
        }
        n4 = container "Order service" "service" "" {
          tags "Compute"
        }
        n5 = container "Orders database" "sql_db" "aws-aurora-postgresql" {
          tags "Datastore"
        }
        n6 = container "Order events" "stream" "aws-msk" {
          tags "Messaging"
        }
        n7 = container "Dead-letter queue" "queue" "aws-sqs" {
          tags "Messaging"
        }
        n10 = container "Inventory worker" "worker" "" {
          tags "Compute"
        }
        n11 = container "Inventory store" "nosql_db" "aws-dynamodb" {
          tags "Datastore"
        }
        n12 = container "Notification worker" "worker" "" {
          tags "Compute"
        }
      }
      group "us-east-1 / Cardholder data environment" {
        n8 = container "Payment worker" "worker" "" {
          tags "Compute"
        }
      }
    }
    n1 = person "Mobile app" "client" {
      tags "Client"
    }
    n2 = person "Web client" "client" {
      tags "Client"
    }
    n9 = softwareSystem "Payment provider" "payment" {
      tags "External"
    }
    n13 = softwareSystem "Email provider" "notification" {
      tags "External"
    }
    n1 -> n3 "calls" "https / sync" {
      tags "Sync"
    }
    n2 -> n3 "calls" "https / sync" {
      tags "Sync"
    }
    n3 -> n4 "calls" "https / sync" {
      tags "Sync"
    }
    n4 -> n5 "calls" "sql / sync" {
      tags "Sync"
    }
    n4 -> n6 "outbox relay publishes order events (placements are 5% of API calls; the rest read status)" "kafka / async" {
      tags "Async"
    }
    n6 -> n8 "publishes to" "kafka / async" {
      tags "Async"
    }
    n6 -> n10 "publishes to" "kafka / async" {
      tags "Async"
    }
    n6 -> n12 "publishes to" "kafka / async" {
      tags "Async"
    }
    n8 -> n9 "calls" "https / sync" {
      tags "Sync"
    }
    n8 -> n7 "publishes to" "sqs / async" {
      tags "Async"
    }
    n10 -> n11 "calls" "https / sync" {
      tags "Sync"
    }
    n12 -> n13 "calls" "https / sync" {
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
