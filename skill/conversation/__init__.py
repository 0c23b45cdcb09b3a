"""The conversation a chat host has with the user: messages in, typed reply events out."""

from skill.conversation.core import Conversation, ConversationSettings

__all__ = ["Conversation", "ConversationSettings"]
