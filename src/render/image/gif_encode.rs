//! GIF (to come).
