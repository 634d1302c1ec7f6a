package flex

// demoID is the ID of the demo classroom's continuum.
const demoID = "demo-math-foundations"
