"""WebSub (issue 15): push instead of polling where a feed declares a hub.

    discover.py   the hub and self links a feed declares
    subscriber.py subscribe, verify the hub's challenge, accept signed pushes, renew leases
    schedule.py   poll intervals adapted to each source's publishing rate
"""
