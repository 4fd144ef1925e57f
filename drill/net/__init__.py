"""Teams at their own terminals: a WebSocket server beside the engine, and its client.

The server holds the session; each team's client is the same team workspace as
in `drill run`, fed through `RemoteTeam`, which implements drill.client.TeamClient.
"""
