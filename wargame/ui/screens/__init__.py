"""The screens on the app's stack: menu, load list, board, hand-over, summary, end, questions."""
