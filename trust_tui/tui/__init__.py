"""The full-screen app (Textual): the app class, its stylesheet and messages, the screens,
dialogs and widgets. Nothing outside this package imports Textual."""
