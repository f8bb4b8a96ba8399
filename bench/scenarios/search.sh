scenario_search() { log "todo"; }
