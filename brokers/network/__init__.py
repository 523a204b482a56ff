"""The Network of Innovation Brokers at work: the services brokers deliver in their
districts, needs and offers and their matching, meetings, and the network's figures."""
