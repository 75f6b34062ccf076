"""The pygame screens. The only part of wargame that imports pygame.

pygame prints a greeting on import unless told not to; set that before any
module here imports it, so `wargame play` starts quietly.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
