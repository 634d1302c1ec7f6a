package roster

const demoID = "demo-math-foundations"
