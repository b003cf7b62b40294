//! The interactive terminal shell: state (`App`), actions, drawing, the event loop.
