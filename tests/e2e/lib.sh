# Shared by the tmux suites (sourced, not run; needs $bin).

# Waits, up to 5 s, for every running $bin to exit: a program killed with
# its tmux server writes where it left off as it exits, and must not write
# it into the next section's fresh state folder.
wait_programs_gone() {
	for _ in $(seq 1 100); do pgrep -f -- "^$bin( |$)" > /dev/null || return 0; sleep 0.05; done
}
